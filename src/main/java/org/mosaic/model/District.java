package org.mosaic.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A school district: its schools, its feeder clusters and its students. */
public record District(String id, String name, List<School> schools, List<Cluster> clusters,
                       List<Student> students) {
    public District {
        schools = List.copyOf(schools);
        clusters = List.copyOf(clusters);
        students = Collections.unmodifiableList(students instanceof java.util.ArrayList<?> ? students
                : new java.util.ArrayList<>(students));
    }

    public Map<String, School> schoolsById() {
        return schools.stream().collect(Collectors.toMap(School::id, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    public Map<String, Student> studentsById() {
        Map<String, Student> byId = new LinkedHashMap<>(students.size() * 2);
        for (Student s : students) {
            byId.put(s.id(), s);
        }
        return byId;
    }

    public Optional<School> school(String schoolId) {
        return schools.stream().filter(s -> s.id().equals(schoolId)).findFirst();
    }

    /**
     * Clusters implied by the schools' cluster ids: the high school is the member serving the highest grade.
     * Used when a dataset names clusters only through schools.csv.
     */
    public static List<Cluster> clustersOf(List<School> schools) {
        Map<String, List<School>> byCluster = schools.stream().filter(s -> !s.clusterId().isEmpty())
                .collect(Collectors.groupingBy(School::clusterId, java.util.TreeMap::new, Collectors.toList()));
        return byCluster.entrySet().stream().map(e -> {
            School high = e.getValue().stream()
                    .max(java.util.Comparator.comparingInt(School::highGrade)
                            .thenComparing(s -> s.type() == SchoolType.NEIGHBORHOOD))
                    .orElseThrow();
            return new Cluster(e.getKey(), e.getKey(), high.id(), e.getValue().stream().map(School::id).toList());
        }).toList();
    }
}
