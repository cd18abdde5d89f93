using Platform.Prediction.Scoring.Training;

namespace Platform.Tests.Prediction;

/// <summary>The fitter recovers the model the synthetic cohort was drawn from.</summary>
public sealed class TrainingTests
{
    [Fact]
    public void A_fit_on_synthetic_patients_recovers_the_true_coefficients_and_the_generators_auc()
    {
        var (features, trueRisks, outcomes) = new SyntheticCohort(seed: 20261202).Generate(40_000);
        var (train, test) = (30_000, 10_000);

        // Standardised inputs, as the training command fits them.
        var k = SyntheticCohort.FeatureNames.Count;
        var means = Enumerable.Range(0, k).Select(j => features.Take(train).Average(r => r[j])).ToArray();
        var sds = Enumerable.Range(0, k).Select(j => Math.Sqrt(features.Take(train).Average(r => Math.Pow(r[j] - means[j], 2)))).ToArray();
        double[] Standardise(double[] row) => [.. row.Select((v, j) => (v - means[j]) / sds[j])];

        var fit = LogisticRegression.Fit([.. features.Take(train).Select(Standardise)], outcomes[..train], l2: 1.0);
        Assert.True(fit.Converged, $"no convergence after {fit.Iterations} iterations");
        Assert.InRange(fit.Iterations, 3, 15);

        for (var j = 0; j < k; j++)
        {
            // Compared per standard deviation of the feature, where all coefficients share one scale.
            var truth = SyntheticCohort.TrueCoefficients[j] * sds[j];
            Assert.True(Math.Abs(fit.Coefficients[j] - truth) < 0.06,
                $"{SyntheticCohort.FeatureNames[j]}: fitted {fit.Coefficients[j]:0.000} per sd, true {truth:0.000}");
        }
        var rawIntercept = fit.Intercept - Enumerable.Range(0, k).Sum(j => fit.Coefficients[j] * means[j] / sds[j]);
        Assert.True(Math.Abs(rawIntercept - SyntheticCohort.TrueIntercept) < 0.3, $"intercept {rawIntercept:0.000}, true {SyntheticCohort.TrueIntercept}");

        // On held-out patients the fitted model ranks as well as the truth itself does.
        var heldOut = features[train..].Select(Standardise).ToArray();
        var fitted = heldOut.Select(r => 1 / (1 + Math.Exp(-(fit.Intercept + r.Select((v, j) => v * fit.Coefficients[j]).Sum())))).ToArray();
        var generatorAuc = ClassifierMetrics.Auc(trueRisks[train..], outcomes[train..]);
        var fittedAuc = ClassifierMetrics.Auc(fitted, outcomes[train..]);
        Assert.InRange(generatorAuc, 0.70, 0.95);
        Assert.True(Math.Abs(fittedAuc - generatorAuc) < 0.005, $"fitted AUC {fittedAuc:0.0000}, generator's {generatorAuc:0.0000}");
        Assert.True(ClassifierMetrics.Brier(fitted, outcomes[train..]) < ClassifierMetrics.Brier([.. Enumerable.Repeat(outcomes[train..].Average(), test)], outcomes[train..]));

        // Calibrated: in every well-filled bin the observed rate is close to the mean prediction.
        var bins = ClassifierMetrics.Calibration(fitted, outcomes[train..]);
        Assert.Equal(test, bins.Sum(b => b.Count));
        Assert.All(bins.Where(b => b.Count >= 500), b => Assert.True(Math.Abs(b.Observed - b.MeanPredicted) < 0.05, $"bin {b.From:0.0}: predicted {b.MeanPredicted:0.000}, observed {b.Observed:0.000}"));
    }

    [Fact]
    public void Auc_counts_ties_as_half_and_ranks_by_risk()
    {
        // Pairs (positive, negative): (0.9>0.1) 1, (0.9>0.5) 1, (0.5=0.5) ½, (0.5>0.1) 1 → 3.5 of 4.
        Assert.Equal(0.875, ClassifierMetrics.Auc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0]));
        Assert.Equal(0.0, ClassifierMetrics.Auc([0.1, 0.9], [1, 0]));
        Assert.True(double.IsNaN(ClassifierMetrics.Auc([0.1, 0.9], [1, 1])));
    }
}
