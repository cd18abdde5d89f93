using MathNet.Numerics.LinearAlgebra;

namespace Platform.Prediction.Scoring.Training;

/// <summary>
/// L2-regularised logistic regression by iteratively reweighted least squares (Newton's method
/// on the penalised log-likelihood). Each step solves (XᵀWX + λD) Δ = Xᵀ(y − p) − λDβ with
/// Cholesky, where W = p(1 − p) and D is the identity without the intercept (which is not
/// penalised). Converges in a handful of steps for the platform's few features.
/// </summary>
public static class LogisticRegression
{
    /// <param name="inputs">One row per sample, the same number of inputs in each.</param>
    /// <param name="outcomes">1 when the sample had the outcome, else 0.</param>
    /// <param name="l2">Penalty λ on the squared coefficients (the sum over samples is not averaged).</param>
    public static LogisticFit Fit(IReadOnlyList<double[]> inputs, IReadOnlyList<int> outcomes, double l2, int maxIterations = 50, double tolerance = 1e-9)
    {
        if (inputs.Count == 0 || inputs.Count != outcomes.Count) throw new ArgumentException("need as many outcomes as input rows, at least one");
        ArgumentOutOfRangeException.ThrowIfNegative(l2);
        var k = inputs[0].Length + 1;
        var beta = new double[k];
        var row = new double[k];
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var hessian = Matrix<double>.Build.Dense(k, k);
            var gradient = Vector<double>.Build.Dense(k);
            for (var i = 0; i < inputs.Count; i++)
            {
                row[0] = 1;
                inputs[i].CopyTo(row, 1);
                var logit = 0d;
                for (var j = 0; j < k; j++) logit += beta[j] * row[j];
                var p = 1 / (1 + Math.Exp(-logit));
                var w = Math.Max(p * (1 - p), 1e-12);
                var residual = outcomes[i] - p;
                for (var a = 0; a < k; a++)
                {
                    gradient[a] += residual * row[a];
                    var wa = w * row[a];
                    for (var b = 0; b <= a; b++) hessian[a, b] += wa * row[b];
                }
            }
            for (var a = 0; a < k; a++)
            {
                for (var b = 0; b < a; b++) hessian[b, a] = hessian[a, b];
                if (a == 0) continue;
                hessian[a, a] += l2;
                gradient[a] -= l2 * beta[a];
            }
            var step = hessian.Cholesky().Solve(gradient);
            var largest = 0d;
            for (var j = 0; j < k; j++)
            {
                beta[j] += step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }
            if (largest < tolerance) return new LogisticFit(beta[0], beta[1..], iteration, Converged: true);
        }
        return new LogisticFit(beta[0], beta[1..], maxIterations, Converged: false);
    }
}
