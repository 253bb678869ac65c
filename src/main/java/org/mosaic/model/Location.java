package org.mosaic.model;

/** A point on a planar, projected map of the district, in kilometres (distance is Euclidean). */
public record Location(double x, double y) {
    public double distanceTo(Location other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
