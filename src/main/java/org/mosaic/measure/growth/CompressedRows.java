package org.mosaic.measure.growth;

/**
 * A row-major design's non-zero cells, row by row. A B-spline row has 4 non-zero cells per prior out of 7, and
 * skipping exact zeros changes no sum, so loops over these give the dense loops' results bit for bit.
 */
final class CompressedRows {
    /** Row i's non-zero cells are {@code values[rowStart[i] … rowStart[i + 1])}, in columns {@code columnOf}. */
    final int[] rowStart;
    final int[] columnOf;
    final double[] values;
    private final int columns;

    CompressedRows(double[] design, int n, int p) {
        this.columns = p;
        int nonZero = 0;
        for (double v : design) {
            nonZero += v != 0 ? 1 : 0;
        }
        rowStart = new int[n + 1];
        columnOf = new int[nonZero];
        values = new double[nonZero];
        int k = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = k;
            for (int j = 0; j < p; j++) {
                double v = design[i * p + j];
                if (v != 0) {
                    columnOf[k] = j;
                    values[k++] = v;
                }
            }
        }
        rowStart[n] = k;
    }

    /** Row i's inner product with v. */
    double dot(int i, double[] v) {
        double s = 0;
        for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
            s += values[e] * v[columnOf[e]];
        }
        return s;
    }

    /** Overwrites the upper triangle of {@code out} (p × p) with X' D X, D = diag(weights); X'X if weights is null. */
    void crossProduct(double[] weights, double[] out) {
        java.util.Arrays.fill(out, 0);
        int n = rowStart.length - 1;
        for (int i = 0; i < n; i++) {
            double wi = weights == null ? 1 : weights[i];
            int end = rowStart[i + 1];
            for (int e = rowStart[i]; e < end; e++) {
                double xa = wi * values[e];
                if (xa == 0) {
                    continue;
                }
                int base = columnOf[e] * columns;
                // columns ascend within a row, so the cells from e on are the upper triangle's
                for (int f = e; f < end; f++) {
                    out[base + columnOf[f]] += xa * values[f];
                }
            }
        }
    }
}
