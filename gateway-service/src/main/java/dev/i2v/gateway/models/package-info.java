/** The catalogue of models a client can ask for, with the durations, resolutions and lanes each offers. */
package dev.i2v.gateway.models;
