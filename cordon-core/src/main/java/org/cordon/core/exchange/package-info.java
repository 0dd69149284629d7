/**
 * Exchange formats: the CSV and NDJSON files in which persons, venues, venue scans, trip rides and
 * dwells travel between the synthetic city, bulk intake and other systems. One {@link
 * org.cordon.core.exchange.RecordFormat} per record kind maps a row to a core record and back; {@link
 * org.cordon.core.exchange.RecordReader} streams a file of any size row by row with line-numbered
 * errors; {@link org.cordon.core.exchange.CsvWriter} writes them fast.
 */
package org.cordon.core.exchange;
