// Props of the wrong type must not compile: proof that the JSX declarations are in force.
import 'llama-agent-chat/react';

export const wrong = [
  // @ts-expect-error headers is a record of strings
  <llama-agent-chat headers={{ Authorization: 42 }} />,
  // @ts-expect-error clientTools maps names to functions
  <llama-agent-chat clientTools={{ get_page_title: 'title' }} />,
  // @ts-expect-error the detail of llama-chat-send has `text`, not `status`
  <llama-agent-chat onllama-chat-send={(event) => event.detail.status} />,
];
