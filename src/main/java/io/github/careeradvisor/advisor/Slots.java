package io.github.careeradvisor.advisor;

import io.github.careeradvisor.profile.Cloud;
import io.github.careeradvisor.profile.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a message names, or a follow-up carries over from the thread: a level, years of experience, a
 * cloud, a place, a certification (or an exam code the catalog does not hold), an occupation, and the
 * aspect of a certification asked about (cost, duration, validity, status, successor, experience,
 * format). Every slot may be empty.
 */
record Slots(@Nullable Level level, @Nullable Integer years, @Nullable Cloud cloud, @Nullable String region,
        @Nullable String cert, @Nullable String code, @Nullable String occupation, boolean occupationCovered,
        @Nullable String aspect) {

    static final Slots NONE = new Slots(null, null, null, null, null, null, null, false, null);

    /** Only a certification, by its catalog id. */
    static Slots ofCert(String certId) {
        return new Slots(null, null, null, null, certId, null, null, false, null);
    }

    boolean isEmpty() {
        return equals(NONE);
    }

    /** These slots, with each one {@code newer} names replacing ours. */
    Slots with(Slots newer) {
        boolean newCert = newer.cert != null || newer.code != null;
        boolean newJob = newer.occupation != null;
        return new Slots(
                newer.level != null ? newer.level : level,
                newer.years != null ? newer.years : years,
                newer.cloud != null ? newer.cloud : cloud,
                newer.region != null ? newer.region : region,
                newCert ? newer.cert : cert,
                newCert ? newer.code : code,
                newJob ? newer.occupation : occupation,
                newJob ? newer.occupationCovered : occupationCovered,
                newer.aspect != null ? newer.aspect : aspect);
    }

    Slots withAspect(@Nullable String newAspect) {
        return new Slots(level, years, cloud, region, cert, code, occupation, occupationCovered, newAspect);
    }

    /** The same without a level (or years): "overall", "across all levels". */
    Slots withoutLevel() {
        return new Slots(null, null, cloud, region, cert, code, occupation, occupationCovered, aspect);
    }

    Slots withoutOccupation() {
        return new Slots(level, years, cloud, region, cert, code, null, false, aspect);
    }

    /** Whether a role other than ML engineers is named, covered by the guides or not ("data scientist", "nurse"). */
    boolean namesAnotherRole() {
        return occupation != null && !occupation.equals(Entities.ML_ENGINEER);
    }

    /** Whether an occupation the guides do not cover is named. */
    boolean otherOccupation() {
        return occupation != null && !occupationCovered;
    }

    Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (level != null) {
            map.put("level", level.id());
        }
        if (years != null) {
            map.put("years", years.toString());
        }
        if (cloud != null) {
            map.put("cloud", cloud.id());
        }
        put(map, "region", region);
        put(map, "cert", cert);
        put(map, "code", code);
        if (occupation != null) {
            map.put("occupation", occupation);
            map.put("covered", Boolean.toString(occupationCovered));
        }
        put(map, "aspect", aspect);
        return map;
    }

    static Slots fromMap(Map<String, String> map) {
        String years = map.get("years");
        String level = map.get("level");
        String cloud = map.get("cloud");
        return new Slots(
                level == null ? null : Level.parse(level).orElse(null),
                years == null || !years.matches("\\d{1,2}") ? null : Integer.valueOf(years),
                cloud == null ? null : Cloud.parse(cloud).orElse(null),
                map.get("region"), map.get("cert"), map.get("code"), map.get("occupation"),
                Boolean.parseBoolean(map.get("covered")), map.get("aspect"));
    }

    private static void put(Map<String, String> map, String key, @Nullable String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
