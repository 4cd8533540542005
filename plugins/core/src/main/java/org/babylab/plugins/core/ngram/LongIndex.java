package org.babylab.plugins.core.ngram;

import java.util.Arrays;

/**
 * Numbers distinct {@code long} keys densely in insertion order: the first key added gets index 0,
 * the next new one 1, and so on. An open-addressing table with linear probing over primitive arrays,
 * about 16 bytes per key, because a {@code HashMap<Long, Integer>} of the tens of millions of n-grams
 * of a BabyLM corpus would need several times that. Keys may be any {@code long}.
 *
 * <p>Not thread-safe while being filled; safe for concurrent {@link #get} once no more keys are added.
 */
final class LongIndex {
    private static final int EMPTY = -1;

    private long[] keys;
    /** Slot -> index into {@link #keys}, or {@link #EMPTY}. Length is a power of two. */
    private int[] slots;

    private int size;

    LongIndex(int expectedKeys) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedKeys * 2 - 1)) << 1;
        slots = new int[capacity];
        Arrays.fill(slots, EMPTY);
        keys = new long[Math.max(16, expectedKeys)];
    }

    /** The number of distinct keys added. */
    int size() {
        return size;
    }

    /** The key numbered {@code index}, {@code 0 <= index < size()}. */
    long key(int index) {
        return keys[index];
    }

    /** The index of {@code key}, or -1 if it was never added. */
    int get(long key) {
        int mask = slots.length - 1;
        for (int s = slot(key, mask); ; s = (s + 1) & mask) {
            int i = slots[s];
            if (i == EMPTY) {
                return -1;
            }
            if (keys[i] == key) {
                return i;
            }
        }
    }

    /** The index of {@code key}, numbering it {@link #size()} first if it is new. */
    int add(long key) {
        int mask = slots.length - 1;
        int s = slot(key, mask);
        for (; ; s = (s + 1) & mask) {
            int i = slots[s];
            if (i == EMPTY) {
                break;
            }
            if (keys[i] == key) {
                return i;
            }
        }
        if (size == Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(
                    "more than " + size + " distinct n-grams of one order; train on less data or a lower order");
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, (int) Math.min(Integer.MAX_VALUE - 8L, keys.length * 2L));
        }
        int index = size++;
        keys[index] = key;
        slots[s] = index;
        // Keep the load factor at most 1/2 so probe sequences stay short.
        if (size * 2L > slots.length) {
            rehash(slots.length * 2);
        }
        return index;
    }

    /** Trims the key array to {@link #size()}, for tables that are complete. */
    void trim() {
        keys = Arrays.copyOf(keys, size);
    }

    private void rehash(int capacity) {
        if (capacity <= 0) {
            throw new IllegalStateException("n-gram table cannot grow beyond " + slots.length + " slots");
        }
        int[] fresh = new int[capacity];
        Arrays.fill(fresh, EMPTY);
        int mask = capacity - 1;
        for (int i = 0; i < size; i++) {
            int s = slot(keys[i], mask);
            while (fresh[s] != EMPTY) {
                s = (s + 1) & mask;
            }
            fresh[s] = i;
        }
        slots = fresh;
    }

    /** Spreads the key's bits (the murmur3 64-bit finaliser): packed n-gram keys differ mostly in low bits. */
    private static int slot(long key, int mask) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
