package dev.engram.simulator.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Append-only record of what a simulator saw, for tests to query. Never holds credentials. */
public final class Journal<E> {
    private final List<E> entries = new CopyOnWriteArrayList<>();

    public void add(E entry) {
        entries.add(entry);
    }

    public List<E> all() {
        return List.copyOf(entries);
    }

    public List<E> matching(Predicate<E> filter) {
        return entries.stream().filter(filter).toList();
    }

    public int size() {
        return entries.size();
    }
}
