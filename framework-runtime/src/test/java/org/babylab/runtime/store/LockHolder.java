package org.babylab.runtime.store;

import java.nio.file.Path;
import org.babylab.runtime.internal.store.StepLock;
import org.babylab.runtime.internal.store.Store;

/**
 * A second process for {@link StoreTest}: takes the lock of a key in a store, says {@code locked},
 * and holds it until its standard input closes or sends a line.
 */
public final class LockHolder {
    private LockHolder() {}

    @SuppressWarnings("try")
    public static void main(String[] args) throws Exception {
        Store store = new Store(Path.of(args[0]));
        try (StepLock lock = store.lock(args[1])) {
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }
}
