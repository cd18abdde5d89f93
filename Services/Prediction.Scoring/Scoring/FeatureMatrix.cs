namespace Platform.Prediction.Scoring.Scoring;

/// <summary>
/// Rows of raw feature values in a model's feature order, stored column by column so scoring
/// runs down each column with SIMD. Booleans are 0/1, categories their index in the feature's
/// category list.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly double[] _values;

    public FeatureMatrix(int rows, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(features);
        Rows = rows;
        Features = features;
        _values = new double[checked(rows * features)];
    }

    public int Rows { get; }

    public int Features { get; }

    public double this[int row, int feature]
    {
        get => _values[Index(row, feature)];
        set => _values[Index(row, feature)] = value;
    }

    /// <summary>A copy of the first <paramref name="rows"/> rows (all of them: this matrix itself).</summary>
    public FeatureMatrix Take(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)rows, (uint)Rows, nameof(rows));
        if (rows == Rows) return this;
        var taken = new FeatureMatrix(rows, Features);
        for (var f = 0; f < Features; f++) Column(f)[..rows].CopyTo(taken._values.AsSpan(f * rows, rows));
        return taken;
    }

    public ReadOnlySpan<double> Column(int feature) => _values.AsSpan(feature * Rows, Rows);

    private int Index(int row, int feature)
    {
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row));
        if ((uint)feature >= (uint)Features) throw new ArgumentOutOfRangeException(nameof(feature));
        return feature * Rows + row;
    }
}
