def bio_html(profile):
    return format_html("<p class='bio'>{}</p>", profile.bio)
