package dev.zdd.migrate.backfill;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a backfill reported, for the tests to look at. */
final class RecordingBackfillListener implements BackfillListener {
    final List<Long> rowsToDo = new CopyOnWriteArrayList<>();
    final List<Progress> progress = new CopyOnWriteArrayList<>();
    final List<Duration> backoffs = new CopyOnWriteArrayList<>();

    @Override
    public void started(String table, long toDo) {
        rowsToDo.add(toDo);
    }

    @Override
    public void batchDone(Progress p) {
        progress.add(p);
    }

    @Override
    public void lockTimeout(int attempt, int retries, Duration backoff) {
        backoffs.add(backoff);
    }
}
