def bio_html(profile):
    return mark_safe(profile.bio)
