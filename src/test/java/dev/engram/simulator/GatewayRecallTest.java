package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.simulator.model.AnswerBook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway's model recalls earlier turns whatever layout the backend's prompt uses, as a model would. */
class GatewayRecallTest {
    private static final AnswerBook BOOK = AnswerBook.load();
    private static final String PERSONA = "You are Dr. Elena Vasquez, a business analyst.\nBe concise.";

    @ParameterizedTest
    @ValueSource(strings = {
            PERSONA + "\n\nConversation so far in this session:\nuser: Hello\nassistant: Hello! I'm Dr. Elena Vasquez. How can I help you today?\nuser: Analyze requirements for CRM migration",
            PERSONA + "\n\nHistory:\nHuman - Hello\nAI - Hi there\n[User] Analyze requirements for CRM migration\n[Assistant] ok",
            PERSONA + "\n\n- 2026-01-01 10:00 User said: Hello\n- 2026-01-01 10:01 User said: Analyze requirements for CRM migration",
            PERSONA + "\n\nHello\nHello! I'm Dr. Elena Vasquez. How can I help you today?\nAnalyze requirements for CRM migration\n"
                    + "From a business analysis view: For the CRM migration I would capture data mapping, user roles, integration points and cut-over criteria as requirements.",
            PERSONA + "\nuser: Hello\nuser: Analyze requirements for CRM migration"})
    void recallsTheLastEarlierUserTurnInAnyLayout(String context) {
        AnswerBook.Answer answer = BOOK.answer(context, "What did I just ask?");
        assertEquals("recall-previous-question", answer.ruleId());
        assertTrue(answer.text().endsWith("\"Analyze requirements for CRM migration\""), answer.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {PERSONA, PERSONA + "\n\nKnown facts about the user:\n", ""})
    void aPromptWithoutEarlierTurnsRecallsNothing(String context) {
        AnswerBook.Answer answer = BOOK.answer(context, "What did I just ask?");
        assertTrue(answer.text().contains("I don't have anything earlier"), answer.text());
    }
}
