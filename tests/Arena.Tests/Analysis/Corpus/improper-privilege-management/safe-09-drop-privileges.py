import grp
import os
import pwd


def drop_privileges(user="nobody", group="nogroup"):
    if os.getuid() != 0:
        return
    os.setgroups([])
    os.setgid(grp.getgrnam(group).gr_gid)
    os.setuid(pwd.getpwnam(user).pw_uid)
    os.umask(0o077)
