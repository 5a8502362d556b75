package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.collective.AllreduceAlgorithm;
import dev.hourglass.collective.AllreduceChoice;
import dev.hourglass.protocol.WorkerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllreduceOffersTest {

    @Test
    void theChoicesTheControlPlaneOffersAreExactlyTheOnesTheTrainerKnows() {
        List<String> trainer = new ArrayList<>(List.of(AllreduceChoice.AUTO));
        trainer.addAll(AllreduceAlgorithm.ids());
        assertThat(WorkerSpec.ALLREDUCE_CHOICES).containsExactlyElementsOf(trainer);
    }
}
