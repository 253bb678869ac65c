package org.mosaic.measure;

import java.util.List;
import java.util.Map;

import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;

/**
 * The district's measures in one record: the nested segregation decomposition with local segregation and poverty
 * concentration, and the FRL achievement gap in one subject, district-wide and per school.
 */
public record DistrictReport(DistrictSegregation.Result seg, Map<String, AchievementGap.Result> gaps,
                             String subject) {
    public static DistrictReport build(Dataset data, DistrictSegregation.By by, List<String> levels, String subject) {
        DistrictSegregation.Result seg;
        try {
            seg = DistrictSegregation.of(data, by, levels, subject);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        return new DistrictReport(seg, gapsBySchool(data, subject), subject);
    }

    /** FRL gap in the latest scores of a subject: district-wide and per school. */
    static Map<String, AchievementGap.Result> gapsBySchool(Dataset data, String subject) {
        return GradeGaps.byUnit(data, subject, DistrictSegregation.By.FRL, List.of("not_frl", "frl"), Double.NaN);
    }

    /** "between schools within clusters": the k-th component of the decomposition in words. */
    public static String componentName(Decomposition d, int k) {
        List<String> l = d.levels();
        if (k == 0) {
            return "between " + plural(l.get(0));
        }
        return "between " + plural(l.get(k)) + " within " + plural(l.get(k - 1));
    }

    static String plural(String level) {
        return level.equals("class") ? "classes" : level + "s";
    }
}
