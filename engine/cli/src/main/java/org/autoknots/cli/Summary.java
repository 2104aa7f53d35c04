package org.autoknots.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autoknots.config.OutputFiles;
import org.autoknots.config.Pipeline;

/**
 * {@code summary.json}: per stage id the table statistics ({@code knots}, {@code evaluations},
 * {@code passes}, {@code converged}, {@code seconds}; a project stage sums them over its
 * quantities and lists each under {@code quantities}), per validation {@code passed} and per
 * quantity {@code max_rel_error} and {@code at} (where it occurred).
 */
public final class Summary {

    private Summary() {
    }

    /** @return the summary document, for tables written into {@code out} itself */
    public static ObjectNode build(Pipeline p, Path out, List<Outcomes.StageResult> results, String error) {
        return build(p, out, out, results, error);
    }

    /**
     * @param folder the output folder named in the summary
     * @param out    the folder the tables were written to (their paths are relative to it)
     * @return the summary document
     */
    public static ObjectNode build(Pipeline p, Path folder, Path out, List<Outcomes.StageResult> results, String error) {
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        root.put("pipeline", p.name());
        root.put("file", p.file().toString());
        ObjectNode fn = root.putObject("function").put("id", p.function().id());
        ObjectNode params = fn.putObject("params");
        p.function().params().forEach((k, v) -> {
            if (v instanceof Double d) {
                params.put(k, d);
            } else {
                params.put(k, String.valueOf(v));
            }
        });
        root.put("output", folder.toString());
        ObjectNode stages = root.putObject("stages");
        boolean passed = true;
        boolean allConverged = true;
        for (Outcomes.StageResult r : results) {
            ObjectNode s = stages.putObject(r.id());
            s.put("type", r.type());
            if (r.validation() != null) {
                Outcomes.Validation v = r.validation();
                s.put("input", v.input()).put("against", v.against()).put("passed", v.passed())
                        .put("max_rel_error_allowed", v.maxAllowed()).put("points", v.points())
                        .put("skipped_rows", v.skippedRows()).put("seconds", r.seconds());
                ObjectNode qs = s.putObject("quantities");
                for (Map.Entry<String, Outcomes.QuantityError> e : v.quantities().entrySet()) {
                    ObjectNode q = qs.putObject(e.getKey());
                    EventJson.number(q, "max_rel_error", e.getValue().maxRelError());
                    EventJson.number(q, "at", e.getValue().at());
                }
                passed &= v.passed();
                continue;
            }
            if (r.method() != null) {
                s.put("method", r.method());
            }
            long knots = 0;
            long evals = 0;
            long passes = 0;
            long density = 0;
            boolean converged = true;
            ObjectNode qs = null;
            for (Outcomes.Table t : r.tables()) {
                knots += t.result().knots();
                evals += t.result().evaluations();
                passes += t.result().passes();
                density += t.densityEvaluations();
                converged &= t.result().converged();
                ObjectNode target = s;
                if (t.quantity() != null) {
                    if (qs == null) {
                        qs = s.putObject("quantities");
                    }
                    target = qs.putObject(t.quantity());
                    EventJson.result(target, t.result());
                    target.put("seconds", t.seconds());
                    if (t.densityEvaluations() > 0) {
                        target.put("density_evaluations", t.densityEvaluations());
                    }
                } else {
                    EventJson.result(target, t.result());
                }
                target.put("table", out.relativize(t.csv()).toString());
                if (!t.result().converged()) {
                    org.autoknots.config.Refinement ref = refinement(p, r.id());
                    if (ref != null) {
                        target.put("diagnosis", Outcomes.diagnosis(t.result(), ref.abs(), ref.maxKnots(),
                                Outcomes.Names.PIPELINE));
                    }
                    allConverged = false;
                }
            }
            s.put("knots", knots).put("evaluations", evals).put("passes", passes).put("converged", converged)
                    .put("seconds", r.seconds());
            if (density > 0) {
                s.put("density_evaluations", density);
            }
        }
        root.put("tables_converged", allConverged && error == null);
        // a failed run proves nothing: its validations did not pass, whatever ran before the failure
        root.put("validations_passed", passed && error == null);
        if (error != null) {
            root.put("error", error);
        }
        return root;
    }

    private static org.autoknots.config.Refinement refinement(Pipeline p, String stageId) {
        return p.stage(stageId).map(s -> s instanceof org.autoknots.config.Stage.Tabulate t ? t.refinement()
                : s instanceof org.autoknots.config.Stage.Project pr ? pr.refinement() : null).orElse(null);
    }

    /**
     * The files an earlier run wrote into its output folder, named from the stages listed in its
     * {@code summary.json} ({@link OutputFiles}): the summary itself, each stage's tables and plots.
     *
     * @param folder an output folder holding a {@code summary.json}
     * @return the file names, or null when the summary cannot be read or is not a run's
     */
    public static Set<String> writtenBy(Path folder) {
        JsonNode root;
        try {
            root = EventJson.MAPPER.readTree(folder.resolve(OutputFiles.SUMMARY).toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        JsonNode stages = root == null ? null : root.get("stages");
        if (stages == null || !stages.isObject()) {
            return null;
        }
        Set<String> names = new HashSet<>();
        names.add(OutputFiles.SUMMARY);
        stages.fields().forEachRemaining(e -> {
            List<String> quantities = new ArrayList<>();
            e.getValue().path("quantities").fieldNames().forEachRemaining(quantities::add);
            names.addAll(OutputFiles.of(e.getValue().path("type").asText(""), e.getKey(), quantities));
        });
        return names;
    }

    /** Writes the summary atomically. */
    public static void write(Path file, ObjectNode summary) {
        writeJson(file, summary);
    }

    /** Writes a JSON document atomically, indented and ending with a newline. */
    static void writeJson(Path file, ObjectNode doc) {
        AtomicFiles.write(file, content(doc));
    }

    /** @return the JSON document indented and ending with a newline, for {@link AtomicFiles} */
    static AtomicFiles.Content content(ObjectNode doc) {
        return os -> {
            EventJson.MAPPER.writer(SerializationFeature.INDENT_OUTPUT)
                    .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(os, doc);
            os.write('\n');
        };
    }
}
