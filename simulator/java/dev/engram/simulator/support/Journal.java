package dev.engram.simulator.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a simulator saw, for tests to query: the most recent {@value #CAPACITY} entries (oldest dropped first, so a
 * soak or a load run holds bounded memory and each entry costs O(1)), numbered from 0 for the whole life of the
 * simulator. Never holds credentials.
 */
public final class Journal<E> {
    public static final int CAPACITY = 20_000;

    private final ArrayDeque<E> entries = new ArrayDeque<>();
    private long total;

    public synchronized void add(E entry) {
        if (entries.size() == CAPACITY) {
            entries.pollFirst();
        }
        entries.addLast(entry);
        total++;
    }

    public synchronized List<E> all() {
        return List.copyOf(entries);
    }

    /** The entries numbered {@code from} on that are still held. */
    public synchronized List<E> from(long from) {
        long first = total - entries.size();
        List<E> out = new ArrayList<>();
        long n = first;
        for (E e : entries) {
            if (n++ >= from) {
                out.add(e);
            }
        }
        return out;
    }

    public synchronized List<E> matching(Predicate<E> filter) {
        return entries.stream().filter(filter).toList();
    }

    /** How many entries were ever added. */
    public synchronized long count() {
        return total;
    }

    public synchronized int size() {
        return entries.size();
    }
}
