package org.mosaic.measure.clusters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mosaic.model.School;
import org.mosaic.model.SchoolType;

/**
 * Clusters inferred from the flows: each neighborhood school belongs to the cluster of the school that receives the
 * most of its leavers at the next level (an elementary school to its main middle school's high school, a middle
 * school to its main high school); a high school is its own cluster's head. Charters and magnets belong to no
 * cluster. The inferred cluster is compared with the declared {@code cluster_id} of schools.csv.
 */
public final class InferredClusters {
    private InferredClusters() {
    }

    /** One school: its declared cluster, the inferred one, the school it feeds most and the share of its leavers. */
    public record Assignment(String schoolId, String declared, String inferred, String feeds, double share) {
        public boolean agrees() {
            return declared.equals(inferred);
        }
    }

    public static List<Assignment> of(FeederFlows.Flows flows, Map<String, School> schools) {
        Map<String, String> clusterOf = new TreeMap<>();
        Map<String, String[]> feeds = new TreeMap<>();
        // high schools first, then middle, then elementary: each takes its receiver's inferred cluster
        for (int level = 2; level >= 0; level--) {
            for (School s : schools.values()) {
                if (s.type() != SchoolType.NEIGHBORHOOD || level(s.lowGrade()) != level) {
                    continue;
                }
                if (level == 2) {
                    clusterOf.put(s.id(), s.clusterId());
                    feeds.put(s.id(), new String[] {"", "1"});
                    continue;
                }
                String best = "";
                int bestCount = 0;
                int total = 0;
                for (Map.Entry<String, Integer> e : flows.leavers().getOrDefault(s.id(), Map.of()).entrySet()) {
                    School to = schools.get(e.getKey());
                    if (to == null || to.type() != SchoolType.NEIGHBORHOOD || level(to.lowGrade()) != level + 1) {
                        continue;
                    }
                    total += e.getValue();
                    if (e.getValue() > bestCount) {
                        best = e.getKey();
                        bestCount = e.getValue();
                    }
                }
                clusterOf.put(s.id(), clusterOf.getOrDefault(best, ""));
                feeds.put(s.id(), new String[] {best, total == 0 ? "0" : Double.toString(bestCount / (double) total)});
            }
        }
        List<Assignment> out = new ArrayList<>();
        clusterOf.forEach((id, inferred) -> out.add(new Assignment(id, schools.get(id).clusterId(), inferred,
                feeds.get(id)[0], Double.parseDouble(feeds.get(id)[1]))));
        return out;
    }

    static int level(int lowGrade) {
        return lowGrade <= 5 ? 0 : lowGrade <= 8 ? 1 : 2;
    }
}
