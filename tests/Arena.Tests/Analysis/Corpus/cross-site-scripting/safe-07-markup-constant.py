SEPARATOR = Markup("<hr class='sep'>")
FOOTER = mark_safe("<footer>&copy; 2024 Example Ltd</footer>")
