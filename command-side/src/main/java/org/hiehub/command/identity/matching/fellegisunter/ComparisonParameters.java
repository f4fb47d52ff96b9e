package org.hiehub.command.identity.matching.fellegisunter;

import java.util.Arrays;

/**
 * The m and u probabilities of one comparison's levels (Fellegi &amp; Sunter 1969): m[l] = P(level l | same person),
 * u[l] = P(level l | different persons). Their ratio is the Bayes factor that level contributes.
 *
 * @param field the comparison's field name
 * @param tfLevel the level whose Bayes factor is adjusted by the agreeing value's term frequency, or -1
 * @param tfWeight how much of that adjustment applies (0..1), as in Splink
 */
public record ComparisonParameters(String field, double[] m, double[] u, int tfLevel, double tfWeight) {

    public ComparisonParameters {
        if (m.length != u.length) {
            throw new IllegalArgumentException(field + ": m has " + m.length + " levels, u " + u.length);
        }
        m = m.clone();
        u = u.clone();
    }

    public ComparisonParameters(String field, double[] m, double[] u) {
        this(field, m, u, -1, 0);
    }

    public int levels() {
        return m.length;
    }

    public double m(int level) {
        return m[level];
    }

    public double u(int level) {
        return u[level];
    }

    public double bayesFactor(int level) {
        return m[level] / u[level];
    }

    public ComparisonParameters with(double[] newM, double[] newU) {
        return new ComparisonParameters(field, newM, newU, tfLevel, tfWeight);
    }

    @Override
    public double[] m() {
        return m.clone();
    }

    @Override
    public double[] u() {
        return u.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComparisonParameters p && field.equals(p.field) && Arrays.equals(m, p.m)
                && Arrays.equals(u, p.u) && tfLevel == p.tfLevel && tfWeight == p.tfWeight;
    }

    @Override
    public int hashCode() {
        return field.hashCode() * 31 + Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return field + " m=" + Arrays.toString(m) + " u=" + Arrays.toString(u);
    }
}
