from os import system

def make_thumbnail(src, dst):
    system("convert %s -resize 50%% %s" % (src, dst))
