package lstmsh.train;

/** One row of a model's training history; valLoss is NaN on steps without validation. */
public record MetricPoint(long step, double loss, double valLoss, double lr, double gradNorm) {}
