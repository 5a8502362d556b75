package dev.hourglass.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTransportTest {

    @Test
    void aGroupIsConnectedRanksInOrder() {
        List<Transport> group = InMemoryTransport.group(3);

        assertThat(group).extracting(Transport::rank).containsExactly(0, 1, 2);
        assertThat(group).extracting(Transport::size).containsOnly(3);
    }

    @Test
    void messagesBetweenTwoRanksArriveInOrderAtTheirOffsets() {
        List<Transport> group = InMemoryTransport.group(2);
        FloatBuffer out = FloatBuffer.wrap(new float[] {1, 2, 3, 4, 5});
        group.get(0).send(out, 1, 2, 1);
        group.get(0).send(out, 3, 2, 1);

        FloatBuffer in = FloatBuffer.allocate(6);
        group.get(1).recv(in, 0, 2, 0);
        group.get(1).recv(in, 4, 2, 0);

        assertThat(in.array()).containsExactly(2, 3, 0, 0, 4, 5);
    }

    @Test
    void sendRecvPairsUpAroundARing() {
        List<FloatBuffer> received = RanksInThreads.run(4, transport -> {
            FloatBuffer buffer = FloatBuffer.wrap(new float[] {transport.rank(), -1});
            transport.sendRecv(buffer, 0, 1, (transport.rank() + 1) % 4, buffer, 1, 1, (transport.rank() + 3) % 4);
            return buffer;
        });

        assertThat(received).extracting(buffer -> buffer.get(1)).containsExactly(3f, 0f, 1f, 2f);
    }

    @Test
    void aMessageOfAnotherLengthThanExpectedIsAnError() {
        List<Transport> group = InMemoryTransport.group(2);
        group.get(0).send(FloatBuffer.allocate(7), 0, 7, 1);

        assertThatThrownBy(() -> group.get(1).recv(FloatBuffer.allocate(7), 0, 5, 0))
                .hasMessage("rank 1 expected 5 floats from rank 0 but a message of 7 arrived: the ranks disagree on the message pattern");
    }

    @Test
    void refusesRangesPastTheCapacityAndRanksOutsideTheGroup() {
        Transport transport = InMemoryTransport.group(2).get(0);
        FloatBuffer eight = FloatBuffer.allocate(8);

        assertThatThrownBy(() -> transport.send(eight, 5, 4, 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("floats [5, 9) do not fit a buffer of capacity 8");
        assertThatThrownBy(() -> transport.send(eight, 0, 1, 2)).hasMessageContaining("the group has ranks 0 to 1");
        assertThatThrownBy(() -> InMemoryTransport.group(0)).hasMessageContaining("at least one rank");
    }
}
