from django.http import HttpResponse


def search(request):
    query = request.GET.get("q", "")
    html = "<p>You searched for: " + query + "</p>"
    return HttpResponse(html)
