/**
 * The synthetic city: a deterministic generator of residents, households, venues and days of presence
 * events for a real area (GB/T 2260 divisions, real county boundaries), used by {@code serve --demo},
 * the drills and every benchmark.
 */
package org.cordon.core.city;
