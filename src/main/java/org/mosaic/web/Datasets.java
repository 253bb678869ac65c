package org.mosaic.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mosaic.model.Dataset;
import org.mosaic.store.DatasetInfo;
import org.mosaic.store.DbUrl;
import org.mosaic.store.MosaicStore;

/**
 * The stored datasets as the web sees them: the newest version is the current one; loaded datasets are kept in
 * memory (a few, least recently used dropped first), since pages and the drag-and-score loop read them constantly.
 */
public final class Datasets {
    private static final int KEEP = 4;
    private final DbUrl db;
    private final Map<Long, Dataset> loaded = new LinkedHashMap<>(8, 0.75f, true);
    private volatile List<DatasetInfo> infos;
    private volatile long listedAt;
    private MosaicStore reader;

    public Datasets(DbUrl db) {
        this.db = db;
    }

    /** Every stored dataset, oldest first; re-read at most every 10 s (another process may import one). */
    public synchronized List<DatasetInfo> list() {
        long now = System.currentTimeMillis();
        if (infos == null || now - listedAt > 10_000) {
            infos = read(MosaicStore::list);
            listedAt = now;
        }
        return infos;
    }

    public Optional<DatasetInfo> current() {
        List<DatasetInfo> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public synchronized Dataset load(long id) {
        Dataset d = loaded.get(id);
        if (d == null) {
            d = read(store -> store.load(id));
            loaded.put(id, d);
            while (loaded.size() > KEEP) {
                loaded.remove(loaded.keySet().iterator().next());
            }
        }
        return d;
    }

    /**
     * Reads through one connection kept open: opening the store runs Flyway's check of every migration, which under
     * load held this lock (and every page behind it) for tens of milliseconds each time the list was refreshed. A
     * broken connection (a database restarted) is opened again once.
     */
    private <T> T read(java.util.function.Function<MosaicStore, T> query) {
        if (reader == null) {
            reader = MosaicStore.open(db);
        }
        try {
            return query.apply(reader);
        } catch (org.mosaic.store.StoreException e) {
            closeReader();
            reader = MosaicStore.open(db);
            return query.apply(reader);
        }
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (RuntimeException e) {
                // Already broken: the new connection is what matters.
            }
            reader = null;
        }
    }

    public synchronized void close() {
        closeReader();
    }

    /** Saves a new dataset version (all or nothing) and makes it current; returns its id. */
    public synchronized long save(Dataset d, String name, String source) {
        long id;
        try (MosaicStore store = MosaicStore.open(db)) {
            id = store.save(d, name, source);
            infos = store.list();
            listedAt = System.currentTimeMillis();
        }
        loaded.put(id, d);
        return id;
    }
}
