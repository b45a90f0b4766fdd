from django.http import JsonResponse

from .models import Article


def by_author(request):
    author = request.GET.get("author", "")
    titles = list(Article.objects.filter(author=author).values_list("title", flat=True))
    return JsonResponse({"titles": titles})
