/**
 * Policy files: the flat {@code key: value} YAML subset that every versioned Cordon policy is written
 * in ({@link org.cordon.core.policy.PolicyFile}), read with line-numbered problems reported all at once.
 */
package org.cordon.core.policy;
