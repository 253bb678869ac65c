package org.mosaic.measure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How concentrated poverty is: the share of each group's students in schools of each NCES poverty band (share of
 * students eligible for free or reduced-price lunch: low ≤ 25 %, mid-low 25-50 %, mid-high 50-75 %, high > 75 %),
 * and each group's exposure to poverty — the FRL share of the average member's school (or class).
 */
public final class PovertyConcentration {
    public static final List<String> BANDS = List.of("low (<=25% FRL)", "mid-low (25-50%)", "mid-high (50-75%)",
            "high (>75%)");

    private PovertyConcentration() {
    }

    public record Result(Map<String, Map<String, Double>> bandShares, Map<String, Double> exposureToPoverty,
                         Map<String, Double> unitFrlShare) {
    }

    public static int band(double frlShare) {
        return frlShare <= 0.25 ? 0 : frlShare <= 0.50 ? 1 : frlShare <= 0.75 ? 2 : 3;
    }

    /**
     * @param groups    the group table (e.g. race × school)
     * @param frlCounts students eligible for FRL in each unit of {@code groups}, in the same unit order
     */
    public static Result of(GroupUnitTable groups, double[] frlCounts) {
        double[] tu = groups.unitTotals();
        double[] gt = groups.groupTotals();
        Map<String, Double> unitShare = new LinkedHashMap<>();
        for (int u = 0; u < groups.unitCount(); u++) {
            unitShare.put(groups.units().get(u), tu[u] > 0 ? frlCounts[u] / tu[u] : 0);
        }
        Map<String, Map<String, Double>> shares = new LinkedHashMap<>();
        Map<String, Double> exposure = new LinkedHashMap<>();
        for (int g = 0; g < groups.groupCount(); g++) {
            double[] inBand = new double[BANDS.size()];
            double exp = 0;
            for (int u = 0; u < groups.unitCount(); u++) {
                double c = groups.count(u, g);
                if (c > 0) {
                    double share = frlCounts[u] / tu[u];
                    inBand[band(share)] += c;
                    exp += c * share;
                }
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int b = 0; b < BANDS.size(); b++) {
                row.put(BANDS.get(b), gt[g] > 0 ? inBand[b] / gt[g] : 0);
            }
            shares.put(groups.groups().get(g), row);
            exposure.put(groups.groups().get(g), gt[g] > 0 ? exp / gt[g] : 0);
        }
        return new Result(shares, exposure, unitShare);
    }
}
