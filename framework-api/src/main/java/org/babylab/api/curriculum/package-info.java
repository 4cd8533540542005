/** Curricula: phase-wise schedules over datasets for training stages. */
package org.babylab.api.curriculum;
