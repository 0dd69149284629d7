/**
 * Algorithms over primitive arrays shared by the engines (sorting millions of keys with a payload
 * without boxing). No dependencies.
 */
package org.cordon.core.primitive;
