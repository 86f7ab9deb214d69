// The file-creation limit of a directory, as performance.md measures it: THREADS threads create
// FILES files of BYTES bytes in all, each with open + write + close + rename (a temporary name,
// then the final one), optionally fsync before close, into DIR; they stop early after SECONDS
// (0: no limit). Prints one line, files being those created:
//   files=N threads=N bytes=N fsync=0|1 seconds=S rate=FILES_PER_SECOND
// Usage: file_rate DIR FILES THREADS BYTES SECONDS [fsync]
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct job {
    const char* dir;
    long first, count;
    size_t bytes;
    int sync;
    const char* data;
    struct timespec deadline; // tv_sec 0: none
    long created;
    int failed;
};

static int past(const struct timespec* deadline) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline->tv_sec ||
           (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static void* create_files(void* argument) {
    struct job* job = argument;
    char temporary[4096], final[4096];
    for (long i = job->first; i < job->first + job->count; ++i) {
        if (job->deadline.tv_sec != 0 && i % 64 == 0 && past(&job->deadline)) break;
        snprintf(temporary, sizeof temporary, "%s/.%ld.tmp", job->dir, i);
        snprintf(final, sizeof final, "%s/%ld.json", job->dir, i);
        int fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 || write(fd, job->data, job->bytes) != (ssize_t)job->bytes ||
            (job->sync && fsync(fd) != 0) || close(fd) != 0 || rename(temporary, final) != 0) {
            perror(temporary);
            job->failed = 1;
            return NULL;
        }
        ++job->created;
    }
    return NULL;
}

int main(int argc, char** argv) {
    if (argc < 6 || argc > 7 || (argc == 7 && strcmp(argv[6], "fsync") != 0)) {
        fprintf(stderr, "usage: file_rate DIR FILES THREADS BYTES SECONDS [fsync]\n");
        return 2;
    }
    const long files = atol(argv[2]);
    const int threads = atoi(argv[3]);
    const size_t bytes = (size_t)atol(argv[4]);
    const double limit = atof(argv[5]);
    const int sync = argc == 7;
    if (files < 1 || threads < 1 || threads > 64 || bytes < 1) {
        fprintf(stderr, "file_rate: FILES, THREADS (at most 64) and BYTES must be positive\n");
        return 2;
    }
    char* data = malloc(bytes);
    if (!data) return 3;
    memset(data, 'x', bytes);
    struct job jobs[64];
    pthread_t ids[64];
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    struct timespec deadline = {0, 0};
    if (limit > 0) {
        const long nanoseconds = start.tv_nsec + (long)((limit - (double)(long)limit) * 1e9);
        deadline.tv_sec = start.tv_sec + (long)limit + nanoseconds / 1000000000L;
        deadline.tv_nsec = nanoseconds % 1000000000L;
    }
    for (int t = 0; t < threads; ++t) {
        const long first = files * t / threads, next = files * (t + 1) / threads;
        jobs[t] = (struct job){argv[1], first, next - first, bytes, sync, data, deadline, 0, 0};
        if (pthread_create(&ids[t], NULL, create_files, &jobs[t]) != 0) return 3;
    }
    int failed = 0;
    long created = 0;
    for (int t = 0; t < threads; ++t) {
        pthread_join(ids[t], NULL);
        failed |= jobs[t].failed;
        created += jobs[t].created;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    free(data);
    if (failed) return 1;
    const double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("files=%ld threads=%d bytes=%zu fsync=%d seconds=%.3f rate=%.0f\n", created, threads,
           bytes, sync, seconds, (double)created / seconds);
    return 0;
}
