package org.cordon.core.exchange;

/**
 * A column of an exchange file. A {@code required} column must appear in the header (its value may
 * still be empty where the record allows); an optional one may be left out of the header entirely.
 */
public record Column(String name, boolean required) {
}
