/**
 * Places: administrative divisions (GB/T 2260 and statistical township/village codes), their tree and
 * county boundaries, venues, and the 800 m grid of phone dwells.
 */
package org.cordon.core.place;
