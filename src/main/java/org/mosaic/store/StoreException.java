package org.mosaic.store;

/**
 * A database failure. Messages name tables, dataset names and row ids only: never a driver message, which can quote
 * the rejected row (a student's name, say) and would carry personal data into terminals and logs.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }
}
