/** The operators' API ({@code /admin/v1}), authenticated by the admin token: accounts and their keys. */
package dev.i2v.gateway.admin;
