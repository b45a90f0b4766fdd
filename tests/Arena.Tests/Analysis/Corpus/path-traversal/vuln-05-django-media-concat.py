def attachment(request):
    name = request.GET["name"]
    with open(settings.MEDIA_ROOT + "/" + name, "rb") as fh:
        return HttpResponse(fh.read(), content_type="application/octet-stream")
