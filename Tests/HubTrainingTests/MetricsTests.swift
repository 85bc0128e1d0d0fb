import ModelTraining
import Testing

@Suite("Training metrics, schedules, class weights")
struct MetricsTests {
    /// Golden values from scikit-learn 1.9: `confusion_matrix`, `precision_recall_fscore_support(average=None,
    /// zero_division=0)` and `accuracy_score` on truth [0,0,0,1,1,2,2,2,2] and prediction [0,1,0,1,1,2,0,2,2].
    @Test func confusionPrecisionRecallAndF1MatchScikitLearn() {
        let metrics = ClassificationMetrics(
            truth: [0, 0, 0, 1, 1, 2, 2, 2, 2],
            predicted: [0, 1, 0, 1, 1, 2, 0, 2, 2],
            classes: 3
        )
        #expect(metrics.confusion == [[2, 1, 0], [0, 2, 0], [1, 0, 3]])
        #expect(abs(metrics.accuracy - 7.0 / 9) < 1e-12)
        let expected: [(Double, Double, Double)] = [(2.0 / 3, 2.0 / 3, 2.0 / 3), (2.0 / 3, 1, 0.8), (1, 0.75, 6.0 / 7)]
        for (index, (precision, recall, f1)) in expected.enumerated() {
            #expect(abs(metrics.precision[index] - precision) < 1e-12)
            #expect(abs(metrics.recall[index] - recall) < 1e-12)
            #expect(abs(metrics.f1[index] - f1) < 1e-12)
        }
    }

    @Test func classesNeverPredictedOrAbsentScoreZeroAndBadLabelsAreSkipped() {
        let metrics = ClassificationMetrics(truth: [0, 0, 5, -1], predicted: [0, 0, 0, 0], classes: 2)
        #expect(metrics.count == 2)
        #expect(metrics.precision == [1, 0])
        #expect(metrics.recall == [1, 0])
        #expect(metrics.f1 == [1, 0])
        #expect(ClassificationMetrics(truth: [], predicted: [], classes: 0).accuracy == 0)
    }

    /// scikit-learn's "balanced" formula `n / (k · n_c)`, with k = 3 classes and n = 4 valid labels: 4/9 and 4/3
    /// (scikit-learn 1.9 gives [0.667, 2] for k = 2 on the same labels); class 2 has no samples and gets 0 here
    /// (scikit-learn refuses it), label 7 is outside the classes and ignored.
    @Test func balancedClassWeightsFollowScikitLearn() {
        let weights = ClassWeights.balanced(labels: [0, 0, 0, 1, 7], classes: 3)
        #expect(abs(weights[0] - Float(4.0 / 9)) < 1e-6)
        #expect(abs(weights[1] - Float(4.0 / 3)) < 1e-6)
        #expect(weights[2] == 0)
    }

    @Test func schedulesDecayTheRate() {
        #expect(LearningRateSchedule.constant.rate(initial: 0.1, epoch: 99) == 0.1)
        let step = LearningRateSchedule.step(every: 10, factor: 0.5)
        #expect(step.rate(initial: 0.1, epoch: 9) == 0.1)
        #expect(abs(step.rate(initial: 0.1, epoch: 25) - 0.025) < 1e-7)
        let cosine = LearningRateSchedule.cosine(epochs: 10, floor: 0)
        #expect(cosine.rate(initial: 1, epoch: 0) == 1)
        #expect(abs(cosine.rate(initial: 1, epoch: 5) - 0.5) < 1e-6)
        #expect(cosine.rate(initial: 1, epoch: 10) < 1e-6)
        #expect(cosine.rate(initial: 1, epoch: 20) < 1e-6)
        #expect(Optimizer.adam(learningRate: 0.1).with(learningRate: 0.2).learningRate == 0.2)
        #expect(
            Optimizer.sgd(learningRate: 0.1, momentum: 0.9).with(learningRate: 0.3)
                == .sgd(learningRate: 0.3, momentum: 0.9)
        )
    }
}
