/** The {@code role-tokens} chat template factory. */
package org.babylab.plugins.instruct.chat;
