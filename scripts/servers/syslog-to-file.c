/*
 * LD_PRELOAD shim used by cyrus-start: Cyrus only logs through syslog(3),
 * and the test machines run no syslog daemon, so without this its messages
 * are lost. The shim replaces the syslog functions with appends to the file
 * named by $IMAPTEST_SYSLOG_FILE (nothing is logged when it is unset).
 *
 * Build: cc -shared -fPIC -O2 -o syslog-to-file.so syslog-to-file.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static const char *log_ident = "";
static int log_mask = 0xff;

static const char *const level_names[8] = {
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
};

void openlog(const char *ident, int option, int facility)
{
    (void)option;
    (void)facility;
    log_ident = ident ? ident : "";
}

void closelog(void)
{
}

int setlogmask(int mask)
{
    int old = log_mask;
    if (mask != 0)
        log_mask = mask;
    return old;
}

void vsyslog(int priority, const char *format, va_list ap)
{
    int saved_errno = errno;
    const char *path = getenv("IMAPTEST_SYSLOG_FILE");
    int level = LOG_PRI(priority);
    char message[8192], stamp[32], line[8400];
    struct tm tm;
    time_t now;
    int fd, len;

    if (path == NULL || *path == '\0' || !(log_mask & LOG_MASK(level)))
        return;

    errno = saved_errno; /* for %m */
    vsnprintf(message, sizeof(message), format, ap);

    now = time(NULL);
    localtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
    len = snprintf(line, sizeof(line), "%s %s[%ld] %s: %s\n", stamp, log_ident,
                   (long)getpid(), level_names[level], message);
    if (len < 0)
        return;
    if ((size_t)len >= sizeof(line))
        len = sizeof(line) - 1;

    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
        ssize_t ignored = write(fd, line, (size_t)len);
        (void)ignored;
        close(fd);
    }
    errno = saved_errno;
}

void syslog(int priority, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsyslog(priority, format, ap);
    va_end(ap);
}

/* The _FORTIFY_SOURCE entry points that distribution builds call. */
void __vsyslog_chk(int priority, int flag, const char *format, va_list ap)
{
    (void)flag;
    vsyslog(priority, format, ap);
}

void __syslog_chk(int priority, int flag, const char *format, ...)
{
    va_list ap;
    (void)flag;
    va_start(ap, format);
    vsyslog(priority, format, ap);
    va_end(ap);
}
