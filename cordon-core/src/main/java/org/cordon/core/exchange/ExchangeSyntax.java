package org.cordon.core.exchange;

/** How records are written in a file: CSV with a header line, or NDJSON (one JSON object a line). */
public enum ExchangeSyntax {
  CSV, NDJSON
}
