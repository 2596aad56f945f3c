package io.clusterca.webhook.rules;

import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Optional;

/**
 * Where each workload keeps the pod it will create: {@code spec.template.spec} for Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController and Job; {@code spec.jobTemplate.spec.template.spec} for CronJob;
 * {@code template.spec} for PodTemplate. Checking the template refuses the workload at {@code kubectl apply},
 * instead of letting its controller fail to create pods later.
 */
public final class WorkloadPodTemplates {
    /** A pod spec and the path that leads to it in its workload. */
    public record PodSpecAt(PodSpec spec, FieldPath path) {}

    private static final FieldPath SPEC_TEMPLATE_SPEC = FieldPath.of("spec").child("template").child("spec");
    private static final FieldPath CRON_JOB_TEMPLATE_SPEC =
            FieldPath.of("spec").child("jobTemplate").child("spec").child("template").child("spec");
    private static final FieldPath TEMPLATE_SPEC = FieldPath.of("template").child("spec");

    private WorkloadPodTemplates() {
    }

    /** The pod spec inside {@code workload}; empty for other objects or a workload without a template. */
    public static Optional<PodSpecAt> podSpecOf(Object workload) {
        if (workload instanceof Deployment d && d.getSpec() != null) {
            return at(d.getSpec().getTemplate(), SPEC_TEMPLATE_SPEC);
        }
        if (workload instanceof StatefulSet s && s.getSpec() != null) {
            return at(s.getSpec().getTemplate(), SPEC_TEMPLATE_SPEC);
        }
        if (workload instanceof DaemonSet d && d.getSpec() != null) {
            return at(d.getSpec().getTemplate(), SPEC_TEMPLATE_SPEC);
        }
        if (workload instanceof ReplicaSet r && r.getSpec() != null) {
            return at(r.getSpec().getTemplate(), SPEC_TEMPLATE_SPEC);
        }
        if (workload instanceof ReplicationController r && r.getSpec() != null) {
            return at(r.getSpec().getTemplate(), SPEC_TEMPLATE_SPEC);
        }
        if (workload instanceof Job j && j.getSpec() != null) {
            return at(j.getSpec().getTemplate(), SPEC_TEMPLATE_SPEC);
        }
        if (workload instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            return at(c.getSpec().getJobTemplate().getSpec().getTemplate(), CRON_JOB_TEMPLATE_SPEC);
        }
        if (workload instanceof PodTemplate t) {
            return at(t.getTemplate(), TEMPLATE_SPEC);
        }
        return Optional.empty();
    }

    private static Optional<PodSpecAt> at(PodTemplateSpec template, FieldPath path) {
        return template == null || template.getSpec() == null
                ? Optional.empty() : Optional.of(new PodSpecAt(template.getSpec(), path));
    }
}
