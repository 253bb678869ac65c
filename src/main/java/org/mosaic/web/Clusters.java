package org.mosaic.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mosaic.measure.clusters.FeederFlows;
import org.mosaic.measure.clusters.InferredClusters;
import org.mosaic.model.Dataset;
import org.mosaic.model.Enrollment;
import org.mosaic.model.School;

/**
 * Feeder clusters from the enrollment history stored with a dataset, as {@code mosaic clusters} reads them: where
 * each school's entrants came from ({@link FeederFlows}) and the cluster each school's leavers actually go to
 * against the declared one ({@link InferredClusters}).
 */
public record Clusters(int historyRows, List<Flow> entrants, List<InferredClusters.Assignment> inferred,
                       String chart, boolean hasChart) {
    /** One receiving school's entrants from one sending school (or from outside the district). */
    public record Flow(String to, String from, int students, String share) {
    }

    static Clusters of(Dataset d, List<Enrollment> history) {
        Map<String, School> schools = d.district().schoolsById();
        FeederFlows.Flows flows = FeederFlows.of(history, schools);
        List<Flow> entrants = new ArrayList<>();
        flows.entrants().forEach((to, from) -> from.forEach((school, n) -> entrants.add(new Flow(to, school, n,
                Format.percent(FeederFlows.Flows.share(from, school))))));
        List<InferredClusters.Assignment> inferred = InferredClusters.of(flows, schools);
        List<String> labels = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (InferredClusters.Assignment a : inferred) {
            if (!a.feeds().isEmpty()) {
                labels.add(a.schoolId() + " → " + a.feeds());
                shares.add(Math.round(1000 * a.share()) / 10.0);
            }
        }
        String chart = Format.json(Map.of("kind", "hbar", "labels", labels, "xName", "share of its leavers going to "
                + "the school it feeds most (%)", "series", List.of(Map.of("name", "share to its main receiver",
                "data", shares))));
        return new Clusters(history.size(), entrants, inferred, chart, !labels.isEmpty());
    }
}
