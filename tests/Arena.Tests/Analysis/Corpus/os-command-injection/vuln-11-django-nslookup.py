import os

from django.http import JsonResponse


def lookup(request):
    domain = request.GET.get("domain", "")
    status = os.system("nslookup " + domain)
    return JsonResponse({"domain": domain, "ok": status == 0})
