package org.mosaic.store;

import java.sql.Connection;
import java.sql.DriverManager;

/** A second process for the lock test: opens an H2 database, says so, and holds it for the given seconds. */
public final class HoldDatabase {
    private HoldDatabase() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0])) {
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]) * 1000);
        }
    }
}
