package io.clusterca.ca.kubeadm;

import java.math.BigInteger;
import java.time.Instant;

/** A leaf on disk that {@code repair} must re-issue, and the certificate it found. */
public record RepairNeed(KubeadmCert certificate, RepairReason reason, BigInteger serial, Instant notAfter) {}
