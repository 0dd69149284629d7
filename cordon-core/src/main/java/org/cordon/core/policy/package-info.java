/**
 * Reading the shipped policy files (policy/*.yaml): the flat {@code key: value} syntax every capability's
 * policy uses, with line-numbered problems. What the keys mean belongs to each capability's policy record.
 */
package org.cordon.core.policy;
