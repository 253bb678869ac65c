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

    CompressedRows(double[] design, int n, int p) {
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
}
