/**
 * Health codes (健康码): the policy-driven engine that keeps every person's code (green, yellow, red,
 * with its reasons) current as facts arrive and time passes, and the signed short-lived QR tokens
 * residents show at venue checkpoints.
 *
 * <p>Facts ({@link org.cordon.core.healthcode.Fact}: cases, traced contacts, test results, isolation,
 * arrivals, zone and key-group memberships) go into {@link org.cordon.core.healthcode.HealthCodeEngine};
 * the rules are {@link org.cordon.core.healthcode.HealthCodeRules} with every number in a
 * {@link org.cordon.core.healthcode.HealthCodePolicy} file (presets {@code policy/healthcode-8th.yaml},
 * {@code policy/healthcode-9th.yaml}); every change is a {@link org.cordon.core.healthcode.CodeChange}
 * with its cause. Tokens: {@link org.cordon.core.healthcode.CodeTokenIssuer} signs (Ed25519),
 * {@link org.cordon.core.healthcode.CodeTokenVerifier} checks offline with public keys only.
 */
package org.cordon.core.healthcode;
