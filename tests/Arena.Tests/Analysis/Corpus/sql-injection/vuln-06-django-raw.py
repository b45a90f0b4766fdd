from django.http import JsonResponse

from .models import Article


def by_author(request):
    author = request.GET.get("author", "")
    articles = Article.objects.raw(f"SELECT * FROM blog_article WHERE author = '{author}'")
    return JsonResponse({"titles": [a.title for a in articles]})
