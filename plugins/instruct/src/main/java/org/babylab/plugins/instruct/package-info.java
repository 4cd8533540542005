/**
 * The instruct plugin: instruction data ({@link org.babylab.plugins.instruct.data}), the default chat
 * template ({@link org.babylab.plugins.instruct.chat}) and curricula
 * ({@link org.babylab.plugins.instruct.curriculum}).
 */
package org.babylab.plugins.instruct;
